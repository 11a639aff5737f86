"""`shelfwriter web`: the review desk (server-rendered pages for content teams) and the HTTP
API (JSON under /api/ for the shop platform), in one FastAPI process on the same database
and the same domain functions (`worker.content.review`) as the CLI."""
