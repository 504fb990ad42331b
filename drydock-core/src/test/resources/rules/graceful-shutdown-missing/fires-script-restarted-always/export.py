import json

print(json.dumps({"exported": 0}))
