/** @type {import('next').NextConfig} */
const nextConfig = { output: "standalone", basePath: "/shop" };

export default nextConfig;
