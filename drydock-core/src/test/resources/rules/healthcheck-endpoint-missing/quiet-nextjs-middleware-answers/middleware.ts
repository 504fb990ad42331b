import { NextResponse } from "next/server";

export function middleware(request: Request) {
  if (new URL(request.url).pathname === "/api/health") {
    return NextResponse.json({ status: "ok" });
  }
  return NextResponse.next();
}
