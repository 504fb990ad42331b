<?php echo "journal";
