from deploy_settings import *

workers = 2
