// The run key a CI gives: apart from the history module, so that the CLI reads it without loading the history.

/**
 * The run key a CI gives, shared by the shards of one pipeline: GitLab's pipeline, GitHub's run (and
 * attempt); undefined elsewhere (the run's date is then its key).
 */
export function ciRunKey(env: Record<string, string | undefined>): string | undefined {
  if (env.CI_PIPELINE_ID) return `gitlab-${env.CI_PIPELINE_ID}`;
  if (env.GITHUB_RUN_ID) return `github-${env.GITHUB_RUN_ID}-${env.GITHUB_RUN_ATTEMPT ?? '1'}`;
  return undefined;
}
