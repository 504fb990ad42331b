<?php
echo "tally";
