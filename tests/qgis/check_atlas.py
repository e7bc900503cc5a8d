"""The atlas GeoPackage as QGIS sees it (PyQGIS, headless): every plan layer and an imported
own layer load valid with their fields and feature counts, QGIS applies the default style the
atlas wrote into `layer_styles` (its renderer, and for every feature a symbol in the colours
the atlas's drawing rules give it), and one map is rendered to look at.

    /usr/bin/python3 tests/qgis/check_atlas.py ATLAS.gpkg OUT.png

The colours expected come from the atlas file itself: each category's stroke and fill
(`plan_categories`, from data/plan/categories.toml, which crates/atlas-core/src/style.rs draws
with), the rules a reader of the app sees (a site's symbol is filled with its category's
colour, a schematic or unlocated one is hollow and dashed; an area's outline is its category's
stroke), and each own layer's colour (`user_layers.colour`). Exits 1 with one line per fault.
"""

import os
import sqlite3
import sys

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from qgis.core import (  # noqa: E402
    QgsApplication,
    QgsFeatureRequest,
    QgsMapRendererParallelJob,
    QgsMapSettings,
    QgsRectangle,
    QgsRenderContext,
    QgsVectorLayer,
)
from qgis.PyQt.QtCore import QSize  # noqa: E402
from qgis.PyQt.QtGui import QColor  # noqa: E402

PLAN_LAYERS = {  # table: the renderer the atlas writes for it
    "plan_areas": "RuleRenderer",
    "plan_lines": "singleSymbol",
    "plan_points": "RuleRenderer",
    "districts": "singleSymbol",
    "basemap": "RuleRenderer",
}

faults = []


def fault(message):
    faults.append(message)


def symbol_of(layer, feature, context):
    symbols = layer.renderer().symbolsForFeature(feature, context)
    if len(symbols) != 1:
        fault(f"{layer.name()} feature {feature.id()}: {len(symbols)} symbols (want exactly 1 rule to match)")
        return None
    return symbols[0]


def check_plan_colours(layer, db, context):
    """Each plan feature is drawn in its category's colours, as the app's rules say."""
    categories = {r[0]: (r[1].lower(), r[2].lower()) for r in db.execute("SELECT id, stroke, fill FROM plan_categories")}
    renderer = layer.renderer()
    renderer.startRender(context, layer.fields())
    for f in layer.getFeatures(QgsFeatureRequest()):
        symbol = symbol_of(layer, f, context)
        if symbol is None:
            continue
        stroke, fill = categories[f["category"]]
        where = f"{layer.name()} {f['element_id']}"
        first = symbol.symbolLayer(0)
        if layer.name() == "plan_points":
            schematic = f["location_basis"] in ("schematic", "unlocated")
            want_fill = "#ffffff" if schematic else fill
            if first.strokeColor().name() != stroke:
                fault(f"{where}: outline {first.strokeColor().name()}, want the category's {stroke}")
            if first.color().name() != want_fill:
                fault(f"{where}: fill {first.color().name()}, want {want_fill}")
            dashed = first.strokeStyle() != 1  # Qt.SolidLine
            if dashed != schematic:
                fault(f"{where}: outline {'dashed' if dashed else 'solid'} for a {f['location_basis']} location")
        else:
            # Areas: fill then outline; lines: the outline alone.
            outline = symbol.symbolLayer(1) if layer.name() == "plan_areas" else first
            if outline.color().name() != stroke:
                fault(f"{where}: outline {outline.color().name()}, want the category's {stroke}")
            if layer.name() == "plan_areas" and first.color().alpha() > 0 and first.color().name() != fill:
                fault(f"{where}: fill {first.color().name()}, want the category's {fill}")
    renderer.stopRender(context)


def check_own_colour(layer, colour, context):
    renderer = layer.renderer()
    renderer.startRender(context, layer.fields())
    for f in layer.getFeatures():
        symbol = symbol_of(layer, f, context)
        if symbol is not None and symbol.color().name() != colour:
            fault(f"own layer {layer.name()} feature {f.id()}: drawn {symbol.color().name()}, want its colour {colour}")
    renderer.stopRender(context)


def main(path, image):
    app = QgsApplication([], False)
    app.initQgis()
    db = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    own = db.execute("SELECT table_name, colour FROM user_layers ORDER BY fid").fetchall()
    if not own:
        fault("no own layer in the atlas: import one first")
    context = QgsRenderContext()
    layers = {}
    for table in list(PLAN_LAYERS) + [t for t, _ in own]:
        layer = QgsVectorLayer(f"{path}|layername={table}", table, "ogr")
        layers[table] = layer
        if not layer.isValid():
            fault(f"{table}: QGIS cannot load it")
            continue
        columns = [r[1] for r in db.execute(f"SELECT * FROM pragma_table_info('{table}')") if r[1] != "geom"]
        if layer.fields().names() != columns:
            fault(f"{table}: fields {layer.fields().names()}, the table has {columns}")
        count = db.execute(f'SELECT count(*) FROM "{table}"').fetchone()[0]
        if layer.featureCount() != count:
            fault(f"{table}: {layer.featureCount()} features in QGIS, {count} in the table")
        want = PLAN_LAYERS.get(table, "singleSymbol")
        if layer.renderer().type() != want:
            fault(f"{table}: renderer {layer.renderer().type()}, want the atlas's default style's {want}")
        if not layer.labelsEnabled():
            fault(f"{table}: no labels")
    for table in ("plan_points", "plan_areas", "plan_lines"):
        if layers[table].isValid():
            check_plan_colours(layers[table], db, context)
    for table, colour in own:
        if layers[table].isValid():
            check_own_colour(layers[table], colour.lower(), context)

    # One map, to look at: Tianjin with the plan over the basemap and the own layer on top.
    settings = QgsMapSettings()
    order = [t for t, _ in own] + ["plan_points", "plan_lines", "plan_areas", "basemap"]
    settings.setLayers([layers[t] for t in order if layers[t].isValid()])
    settings.setDestinationCrs(layers["basemap"].crs())
    settings.setExtent(QgsRectangle(116.65, 38.5, 118.1, 40.3))
    settings.setOutputSize(QSize(900, 1000))
    settings.setBackgroundColor(QColor("#cfe0ea"))
    job = QgsMapRendererParallelJob(settings)
    job.start()
    job.waitForFinished()
    rendered = job.renderedImage()
    os.makedirs(os.path.dirname(image) or ".", exist_ok=True)
    if not rendered.save(image, "PNG"):
        fault(f"could not write {image}")
    colours = {rendered.pixel(x, y) for x in range(0, 900, 15) for y in range(0, 1000, 15)}
    if len(colours) < 8:
        fault(f"{image}: only {len(colours)} colours: the map came out (nearly) blank")

    for f in faults:
        print(f"qgis: {f}", file=sys.stderr)
    if not faults:
        print(f"qgis: {len(layers)} layers load valid with their fields, counts and the atlas's styles; map in {image}")
    return 1 if faults else 0


if __name__ == "__main__":
    code = main(sys.argv[1], sys.argv[2])
    sys.stdout.flush()
    sys.stderr.flush()
    # Without QGIS's teardown: exitQgis() with layers still referenced crashes PyQGIS 3.22 at exit.
    os._exit(code)
