from pyspark.sql import SparkSession

spark = SparkSession.builder.appName("daily-totals").getOrCreate()
spark.read.parquet("/data/orders").groupBy("day").count().write.mode("overwrite").parquet("/data/totals")
spark.stop()
