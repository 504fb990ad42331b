<?php namespace App;
