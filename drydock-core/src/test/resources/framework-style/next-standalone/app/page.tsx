export default function Home() { return <main>Tidepool</main>; }
