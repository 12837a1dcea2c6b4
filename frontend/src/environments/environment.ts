/** The SPA is served by Django (or proxied by `ng serve`), so the API is same-origin. */
export const environment = {
  apiUrl: '/api/v1',
};
