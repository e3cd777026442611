export default function Home() {
  return <main>Image Studio</main>;
}
