<?php while (true) { sleep(5); }
