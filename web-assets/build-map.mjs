// Builds the world map of the web UI from Natural Earth's boundaries as the npm package world-atlas ships
// them (TopoJSON, public domain), so that the server never fetches a map at run time.
//
//   node build-map.mjs OUT.json      (`make` runs it: see the Makefile's map target)
//
// Writes {"attribution", "width", "height", "shapes": [{"id", "name", "d", "box"}]}: each country's
// outline as an SVG path in the Natural Earth I projection, `id` its ISO 3166-1 numeric code as
// world-atlas gives it ("398"; "" for the few areas without one), `box` its bounding box [x0, y0, x1, y1].
// The 1:110m countries are used, with the 1:50m outline of each country the 1:110m set leaves out
// (Bahrain, the Maldives, the Comoros, ...). Antarctica is left out.
import { readFileSync, writeFileSync, mkdirSync } from "node:fs";
import { dirname } from "node:path";
import { createRequire } from "node:module";
import { feature } from "topojson-client";

const require = createRequire(import.meta.url);
const out = process.argv[2];
if (!out) {
  console.error("usage: node build-map.mjs OUT.json");
  process.exit(2);
}

const atlasVersion = require("world-atlas/package.json").version;
const load = (name) => JSON.parse(readFileSync(require.resolve(`world-atlas/${name}`), "utf8"));

const WIDTH = 960;
const SCALE = 153; // d3's default for the Natural Earth projection at 960 pixels
const HEIGHT = 500;
const ANTARCTICA = "010";

// The Natural Earth I projection (Šavrič, Jenny, Patterson, Petrovič and Hurni, 2011), as d3-geo has it.
function project(lon, lat) {
  const lambda = (lon * Math.PI) / 180, phi = (lat * Math.PI) / 180;
  const phi2 = phi * phi, phi4 = phi2 * phi2;
  const x = lambda * (0.8707 - 0.131979 * phi2 + phi4 * (-0.013791 + phi4 * (0.003971 * phi2 - 0.001529 * phi4)));
  const y = phi * (1.007226 + phi2 * (0.015085 + phi4 * (-0.044475 + 0.028874 * phi2 - 0.005916 * phi4)));
  return [WIDTH / 2 + x * SCALE, HEIGHT / 2 - y * SCALE];
}

const round = (v) => Math.round(v * 10) / 10;

function pathOf(geometry, box) {
  const polygons = geometry.type === "Polygon" ? [geometry.coordinates] : geometry.coordinates;
  let d = "";
  for (const polygon of polygons) {
    for (const ring of polygon) {
      let last = null;
      ring.forEach(([lon, lat], i) => {
        const [x, y] = project(lon, lat).map(round);
        box[0] = Math.min(box[0], x); box[1] = Math.min(box[1], y);
        box[2] = Math.max(box[2], x); box[3] = Math.max(box[3], y);
        // a ring that crosses the antimeridian jumps across the map: lift the pen there
        if (i === 0 || (last && Math.abs(x - last[0]) > WIDTH / 2)) d += `M${x},${y}`;
        else if (!last || last[0] !== x || last[1] !== y) d += `L${x},${y}`;
        last = [x, y];
      });
      d += "Z";
    }
  }
  return d;
}

function countries(name) {
  const topology = load(name);
  return feature(topology, topology.objects.countries).features;
}

const coarse = countries("countries-110m.json");
const known = new Set(coarse.map((f) => f.id).filter(Boolean));
const fine = countries("countries-50m.json").filter((f) => f.id && !known.has(f.id));
const shapes = [];
for (const f of [...coarse, ...fine]) {
  if (f.id === ANTARCTICA || !f.geometry) continue;
  const box = [Infinity, Infinity, -Infinity, -Infinity];
  const d = pathOf(f.geometry, box);
  shapes.push({ id: f.id || "", name: f.properties.name, d, box });
}
shapes.sort((a, b) => (a.id + a.name).localeCompare(b.id + b.name));

mkdirSync(dirname(out), { recursive: true });
writeFileSync(out, JSON.stringify({
  attribution: `Natural Earth (public domain), through world-atlas ${atlasVersion}`,
  width: WIDTH, height: HEIGHT, shapes,
}));
console.error(`${out}: ${shapes.length} shapes`);
