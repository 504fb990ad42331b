source "https://rubygems.org"
gem "sinatra", "4.1.1"
