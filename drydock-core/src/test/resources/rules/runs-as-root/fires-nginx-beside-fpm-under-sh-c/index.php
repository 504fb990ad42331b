<?php
echo "board";
