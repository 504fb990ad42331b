import type { NextConfig } from 'next';

const nextConfig: NextConfig = {
  output: "standalone",
};

export default nextConfig;
