<?php
echo "atlas";
