export default defineNuxtConfig({
  modules: ['@nuxtjs/tailwindcss', 'nuxt-healthcheck'],
  compatibilityDate: '2024-11-01',
});
