Rails.application.routes.draw do
  get "healthz" => "rails/health#show"
  resources :berths
end
