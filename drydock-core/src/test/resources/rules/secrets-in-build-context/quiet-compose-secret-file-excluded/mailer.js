console.log(require('fs').readFileSync('/run/secrets/mail-relay-token', 'utf8').length);
