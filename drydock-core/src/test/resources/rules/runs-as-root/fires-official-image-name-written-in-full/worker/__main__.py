print('working')
