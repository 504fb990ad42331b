<?php
echo "kiosk";
