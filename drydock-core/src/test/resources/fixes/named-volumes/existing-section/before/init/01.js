db.createCollection('x')
