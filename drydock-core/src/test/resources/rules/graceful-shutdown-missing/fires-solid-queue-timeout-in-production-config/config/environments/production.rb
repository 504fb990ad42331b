require "active_support/core_ext/integer/time"

Rails.application.configure do
  config.active_job.queue_adapter = :solid_queue
  config.solid_queue.connects_to = { database: { writing: :queue } }
  config.solid_queue.shutdown_timeout = 60.seconds
end
