<?php
echo "orders";
