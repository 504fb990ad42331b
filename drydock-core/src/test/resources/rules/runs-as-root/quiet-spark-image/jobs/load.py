from pyspark.sql import SparkSession
SparkSession.builder.getOrCreate().range(3).count()
