import { Page } from "../components/Page";
import { Link } from "../router";

export function NotFound() {
  return (
    <Page title="Page not found">
      <p>
        There is no page here. Go to your <Link to="/repositories">repositories</Link>.
      </p>
    </Page>
  );
}
