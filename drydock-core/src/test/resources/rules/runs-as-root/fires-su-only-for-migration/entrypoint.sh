#!/bin/sh
cd /app/bin
su -s /bin/sh nobody -c './migrate'
PHX_SERVER=true exec ./live_beats start
