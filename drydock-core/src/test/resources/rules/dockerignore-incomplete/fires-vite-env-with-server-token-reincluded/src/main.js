console.log(import.meta.env.VITE_APP_BACKEND_V2_GET_URL);
