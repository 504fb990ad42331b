console.log('inventory');
