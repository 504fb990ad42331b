DAG = None
