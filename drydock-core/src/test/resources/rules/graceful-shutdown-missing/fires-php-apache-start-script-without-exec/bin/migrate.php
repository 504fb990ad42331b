<?php
// applies pending schema changes
