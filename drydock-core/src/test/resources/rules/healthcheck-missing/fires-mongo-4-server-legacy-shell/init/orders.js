db.createCollection('orders');
