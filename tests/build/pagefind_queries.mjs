// Runs search queries against a built site's Pagefind bundles, merged as search.js merges them,
// and prints the results as JSON: used to compare two sites' search by behaviour, since Pagefind's
// own files change names and content from run to run.
//
// Usage: node pagefind_queries.mjs SITE_DIR QUERIES_JSON
//   QUERIES_JSON: [{"query": "...", "filters": {"category": "..."}}, ...]
// The bundles are read from SITE_DIR/pagefind/<language>/ (the primary one first), with fetch()
// answering file: URLs from disk: Pagefind's browser script then runs unchanged in Node.
import { readFile, readdir } from "node:fs/promises";
import { fileURLToPath, pathToFileURL } from "node:url";

const realFetch = globalThis.fetch;
globalThis.fetch = async (url, options) => {
  const address = new URL(url);
  if (address.protocol !== "file:") return realFetch(url, options);
  return new Response(await readFile(fileURLToPath(address)));
};

const [siteDir, queriesJson] = process.argv.slice(2);
const languages = (await readdir(`${siteDir}/pagefind`)).sort((a, b) =>
  a === "en" ? -1 : b === "en" ? 1 : a.localeCompare(b),
);
const bundleUrl = (language) => pathToFileURL(`${siteDir}/pagefind/${language}/`).href;
const options = { excerptLength: 30, baseUrl: "/" };
const pagefind = await import(bundleUrl(languages[0]) + "pagefind.js");
await pagefind.options({ ...options, basePath: bundleUrl(languages[0]) });
for (const language of languages.slice(1)) {
  await pagefind.mergeIndex(bundleUrl(language), { ...options, language });
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
