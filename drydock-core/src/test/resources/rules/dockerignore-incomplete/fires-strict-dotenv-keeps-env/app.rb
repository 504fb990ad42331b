require_relative 'config/boot'
require 'sinatra'
get('/') { 'ok' }
