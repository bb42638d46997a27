import { Button } from "../components/Button";

// What a signed-out visitor sees: what Nectr does and the way in.
export function Landing() {
  return (
    <section aria-labelledby="page-title" className="mx-auto max-w-2xl py-12 text-center">
      <h1 id="page-title" className="text-4xl font-bold">
        Nectr reviews your pull requests
      </h1>
      <p className="mt-4 text-lg text-slate-700 dark:text-slate-300">
        Connect a GitHub repository and Nectr comments on every pull request: a verdict, a
        summary and inline notes, with what it learns about your code remembered for next time.
      </p>
      <form action="/auth/github" method="get" className="mt-8">
        <Button type="submit" className="px-5 py-2 text-base">
          Sign in with GitHub
        </Button>
      </form>
    </section>
  );
}
