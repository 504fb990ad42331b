console.log('render')
