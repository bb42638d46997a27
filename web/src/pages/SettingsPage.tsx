import { Page } from "../components/Page";
import { StatusSection } from "../components/StatusSection";
import { TokenSection } from "../components/TokenSection";

export function SettingsPage() {
  return (
    <Page title="Settings">
      <div className="space-y-4">
        <StatusSection />
        <TokenSection />
      </div>
    </Page>
  );
}
