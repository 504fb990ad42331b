require 'dotenv'
Dotenv.load!
