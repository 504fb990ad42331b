console.log('ledger');
