// Runs search queries against a built site's Pagefind bundles, merged as search.js merges them,
// and prints the results as JSON: used to compare two sites' search by behaviour, since Pagefind's
// own files change names and content from run to run.
//
// Usage: node pagefind_queries.mjs SITE_DIR QUERIES_JSON
//   QUERIES_JSON: [{"query": "...", "filters": {"category": "..."}}, ...]
// The bundles are those the site's own search settings name (in SITE_DIR/index.html), the primary
// one first, with fetch() answering file: URLs from disk: Pagefind's script then runs in Node.
import { readFile } from "node:fs/promises";
import { fileURLToPath, pathToFileURL } from "node:url";

const realFetch = globalThis.fetch;
globalThis.fetch = async (url, options) => {
  const address = new URL(url);
  if (address.protocol !== "file:") return realFetch(url, options);
  return new Response(await readFile(fileURLToPath(address)));
};

const [siteDir, queriesJson] = process.argv.slice(2);
const home = await readFile(`${siteDir}/index.html`, "utf8");
const settings = JSON.parse(home.match(/data-sec-search-settings>([^<]*)</)[1]);
const bundles = settings.index.bundles;
const bundleUrl = (bundle) => pathToFileURL(`${siteDir}/${bundle.folder}`).href;
const options = { excerptLength: 30, baseUrl: "/" };
const pagefind = await import(bundleUrl(bundles[0]) + "pagefind.js");
await pagefind.options({ ...options, basePath: bundleUrl(bundles[0]) });
for (const bundle of bundles.slice(1)) {
  await pagefind.mergeIndex(bundleUrl(bundle), { ...options, language: bundle.language });
}
await pagefind.init();

const answers = [];
for (const { query, filters } of JSON.parse(queriesJson)) {
  const found = await pagefind.search(query, { filters: filters || {} });
  const results = [];
  for (const result of found.results) {
    const data = await result.data();
    results.push({
      url: data.url,
      score: Number(result.score.toFixed(6)),
      title: data.meta.title,
      excerpt: data.excerpt,
      filters: data.filters,
    });
  }
  answers.push({ query, filters: filters || {}, count: found.results.length, results });
}
answers.push({ filters: await pagefind.filters() });
console.log(JSON.stringify(answers, null, 1));
