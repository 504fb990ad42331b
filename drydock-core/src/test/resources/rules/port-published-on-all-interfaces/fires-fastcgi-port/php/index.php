<?php
echo "depot";
