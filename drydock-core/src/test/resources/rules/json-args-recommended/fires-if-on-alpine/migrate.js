console.log('schema up to date');
