# management_script.sh
