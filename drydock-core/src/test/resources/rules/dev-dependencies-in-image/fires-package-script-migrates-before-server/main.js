require('express')().listen(8080);
