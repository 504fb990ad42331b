<?php
echo "journal";
