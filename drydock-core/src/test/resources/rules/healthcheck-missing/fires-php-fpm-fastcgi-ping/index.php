<?php
echo "ledger";
