require_relative "boot"
require "rails/all"

module Depot
  class Application < Rails::Application
    config.load_defaults 8.0
    config.active_job.queue_adapter = :good_job
    config.good_job.shutdown_timeout = 25 # seconds
  end
end
