class BerthsController < ApplicationController
  def index
    render plain: "berths"
  end
end
