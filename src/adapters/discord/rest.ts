/**
 * DISCORD_API_URL is a base like Discord's own (https://discord.com/api); discord.js appends
 * the version. A trailing slash or version is tolerated.
 */
export function restApiBase(apiUrl: string): string {
  return apiUrl.trim().replace(/\/+$/, '').replace(/\/v\d+$/, '');
}
