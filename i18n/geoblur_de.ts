<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de_DE" sourcelanguage="en">
    <context>
        <name>GeoBlur</name>
        <message>
            <location filename="../qgis_support/dependencies.py" line="111" />
            <source>GeoBlur needs the Python packages {packages}, which the Python running QGIS cannot import. Install them with this command, then restart QGIS:
{command}</source>
            <translation>GeoBlur benötigt die Python-Pakete {packages}, die das Python von QGIS nicht importieren kann. Installieren Sie sie mit diesem Befehl und starten Sie QGIS dann neu:
{command}</translation>
        </message>
        <message>
            <location filename="../qgis_support/styles.py" line="41" />
            <source>Face</source>
            <translation>Gesicht</translation>
        </message>
        <message>
            <location filename="../qgis_support/styles.py" line="41" />
            <source>Person</source>
            <translation>Person</translation>
        </message>
        <message>
            <location filename="../qgis_support/styles.py" line="41" />
            <source>Licence plate</source>
            <translation>Kfz-Kennzeichen</translation>
        </message>
        <message>
            <location filename="../qgis_support/styles.py" line="42" />
            <source>Vehicle</source>
            <translation>Fahrzeug</translation>
        </message>
        <message>
            <location filename="../qgis_support/styles.py" line="42" />
            <source>Rejected in review</source>
            <translation>Bei der Überprüfung verworfen</translation>
        </message>
        <message>
            <location filename="../qgis_support/styles.py" line="46" />
            <source>Anonymized</source>
            <translation>Anonymisiert</translation>
        </message>
        <message>
            <location filename="../qgis_support/styles.py" line="46" />
            <source>Failed (no copy)</source>
            <translation>Fehlgeschlagen (keine Kopie)</translation>
        </message>
        <message>
            <location filename="../qgis_support/styles.py" line="46" />
            <source>Skipped</source>
            <translation>Übersprungen</translation>
        </message>
        <message>
            <location filename="../qgis_support/styles.py" line="91" />
            <source>No anonymized copy.</source>
            <translation>Keine anonymisierte Kopie.</translation>
        </message>
        <message>
            <location filename="../qgis_support/styles.py" line="95" />
            <source>Open the anonymized copy</source>
            <translation>Anonymisierte Kopie öffnen</translation>
        </message>
        <message>
            <location filename="../qgis_support/styles.py" line="104" />
            <source>Review image</source>
            <translation>Bild überprüfen</translation>
        </message>
        <message>
            <location filename="../qgis_support/styles.py" line="171" />
            <source>The layer {} could not be opened to store its style.</source>
            <translation>Der Layer {} konnte nicht geöffnet werden, um seinen Stil zu speichern.</translation>
        </message>
        <message>
            <location filename="../qgis_support/styles.py" line="173" />
            <source>GeoBlur's style: symbols, map tip and actions</source>
            <translation>GeoBlur-Stil: Symbole, Kartenhinweis und Aktionen</translation>
        </message>
        <message>
            <location filename="../plugin/main.py" line="49" />
            <source>Anonymize images attached to points…</source>
            <translation>Bilder an Punkten anonymisieren…</translation>
        </message>
        <message>
            <location filename="../plugin/main.py" line="52" />
            <source>GeoBlur</source>
            <translation>GeoBlur</translation>
        </message>
        <message>
            <location filename="../plugin/main.py" line="53" />
            <source>Review image…</source>
            <translation>Bild überprüfen…</translation>
        </message>
        <message>
            <location filename="../plugin/main.py" line="73" />
            <source>Select the images layer of a GeoBlur run (OUTPUT_IMAGES) in the Layers panel.</source>
            <translation>Wählen Sie im Bedienfeld „Layer“ den Bilderlayer eines GeoBlur-Laufs (OUTPUT_IMAGES).</translation>
        </message>
        <message>
            <location filename="../plugin/main.py" line="84" />
            <source>Click the image to review on the map.</source>
            <translation>Klicken Sie in der Karte auf das zu überprüfende Bild.</translation>
        </message>
        <message>
            <location filename="../plugin/main.py" line="100" />
            <source>The images layer is no longer in the project.</source>
            <translation>Der Bilderlayer ist nicht mehr im Projekt.</translation>
        </message>
        <message>
            <location filename="../plugin/main.py" line="105" />
            <source>Add the run's detections layer (OUTPUT) to the project: the review edits it.</source>
            <translation>Fügen Sie den Erkennungslayer des Laufs (OUTPUT) zum Projekt hinzu: die Überprüfung bearbeitet ihn.</translation>
        </message>
        <message>
            <location filename="../plugin/review/dock.py" line="23" />
            <source>GeoBlur review</source>
            <translation>GeoBlur-Überprüfung</translation>
        </message>
        <message>
            <location filename="../plugin/review/dock.py" line="52" />
            <source>Pan</source>
            <translation>Verschieben</translation>
        </message>
        <message>
            <location filename="../plugin/review/dock.py" line="53" />
            <source>Draw a box</source>
            <translation>Rechteck zeichnen</translation>
        </message>
        <message>
            <location filename="../plugin/review/dock.py" line="55" />
            <source>Select a shape</source>
            <translation>Form auswählen</translation>
        </message>
        <message>
            <location filename="../plugin/review/dock.py" line="56" />
            <source>Redraw the selected shape</source>
            <translation>Ausgewählte Form neu zeichnen</translation>
        </message>
        <message>
            <location filename="../plugin/review/dock.py" line="57" />
            <source>Delete the selected shape</source>
            <translation>Ausgewählte Form löschen</translation>
        </message>
        <message>
            <location filename="../plugin/review/dock.py" line="59" />
            <source>Save and re-render</source>
            <translation>Speichern und neu erzeugen</translation>
        </message>
        <message>
            <location filename="../plugin/review/dock.py" line="60" />
            <source>Discard changes</source>
            <translation>Änderungen verwerfen</translation>
        </message>
        <message>
            <location filename="../plugin/review/dock.py" line="96" />
            <source>{count} shape(s) on {path}. Draw the objects the models missed, delete the false alarms, then save: the copy is rendered again from the original.</source>
            <translation>{count} Form(en) auf {path}. Zeichnen Sie die Objekte ein, die die Modelle übersehen haben, löschen Sie die Fehlalarme und speichern Sie dann: die Kopie wird aus dem Original neu erzeugt.</translation>
        </message>
        <message>
            <location filename="../plugin/review/dock.py" line="168" />
            <source>Rendering failed, the copy was removed: {}</source>
            <translation>Die Kopie konnte nicht erzeugt werden und wurde entfernt: {}</translation>
        </message>
        <message>
            <location filename="../plugin/review/dock.py" line="170" />
            <source>Saved; the copy {} shows the review.</source>
            <translation>Gespeichert; die Kopie {} zeigt das Ergebnis der Überprüfung.</translation>
        </message>
        <message>
            <location filename="../plugin/review/session.py" line="77" />
            <source>Feature {fid} of {layer} has no anonymized copy to review (status: {status}). Run the anonymization for it first.</source>
            <translation>Objekt {fid} von {layer} hat keine anonymisierte Kopie zum Überprüfen (Status: {status}). Führen Sie zuerst die Anonymisierung dafür aus.</translation>
        </message>
        <message>
            <location filename="../plugin/review/session.py" line="87" />
            <source>Feature {fid}: the original {path} cannot be opened ({error}); the review needs the originals.</source>
            <translation>Objekt {fid}: das Original {path} kann nicht geöffnet werden ({error}); die Überprüfung benötigt die Originale.</translation>
        </message>
        <message>
            <location filename="../plugin/review/session.py" line="105" />
            <source>Original (review only)</source>
            <translation>Original (nur zur Überprüfung)</translation>
        </message>
        <message>
            <location filename="../plugin/review/session.py" line="107" />
            <source>The original {} could not be shown.</source>
            <translation>Das Original {} konnte nicht angezeigt werden.</translation>
        </message>
        <message>
            <location filename="../plugin/review/session.py" line="111" />
            <source>Detections under review</source>
            <translation>Erkennungen in Überprüfung</translation>
        </message>
        <message>
            <location filename="../plugin/review/session.py" line="169" />
            <source>A shape has the class {cls!r}; choose one of {classes}.</source>
            <translation>Eine Form hat die Klasse {cls!r}; wählen Sie eine von {classes}.</translation>
        </message>
        <message>
            <location filename="../plugin/review/session.py" line="172" />
            <source>A shape has no area; draw it again or delete it.</source>
            <translation>Eine Form hat keine Fläche; zeichnen Sie sie neu oder löschen Sie sie.</translation>
        </message>
        <message>
            <location filename="../plugin/review/session.py" line="181" />
            <source>The layer {} has unsaved edits: save or discard them first.</source>
            <translation>Der Layer {} hat ungespeicherte Änderungen: speichern oder verwerfen Sie sie zuerst.</translation>
        </message>
        <message>
            <location filename="../plugin/review/session.py" line="183" />
            <source>The layer {} cannot be edited (read-only?).</source>
            <translation>Der Layer {} kann nicht bearbeitet werden (schreibgeschützt?).</translation>
        </message>
        <message>
            <location filename="../plugin/review/session.py" line="202" />
            <source>The review could not be saved into {layer}: {errors}</source>
            <translation>Die Überprüfung konnte nicht in {layer} gespeichert werden: {errors}</translation>
        </message>
        <message>
            <location filename="../processing_provider/anonymize_images.py" line="32" />
            <source>Anonymize images attached to points</source>
            <translation>Bilder an Punkten anonymisieren</translation>
        </message>
        <message>
            <location filename="../processing_provider/anonymize_images.py" line="35" />
            <source>Anonymization</source>
            <translation>Anonymisierung</translation>
        </message>
        <message>
            <location filename="../processing_provider/anonymize_images.py" line="41" />
            <source>privacy,blur,face,person,licence plate,vehicle,photo,panorama,360,GDPR</source>
            <translation>Datenschutz,Unschärfe,Gesicht,Person,Kennzeichen,Fahrzeug,Foto,Panorama,360,DSGVO</translation>
        </message>
        <message>
            <location filename="../processing_provider/anonymize_images.py" line="47" />
            <source>Detects faces, persons, licence plates and vehicles in the photos and 360° panoramas whose paths a point layer holds, and writes anonymized copies plus a layer of where each detection is. Originals are never modified; an image that cannot be fully processed gets no copy and a failed status saying why, and the run goes on. A rerun over the same output folder skips the images whose copy is up to date. Advanced parameters set the thresholds, the mask, the device, worker processes or a Dask cluster, and your own models. The Help button opens the description of every parameter and output.</source>
            <translation>Erkennt Gesichter, Personen, Kfz-Kennzeichen und Fahrzeuge in den Fotos und 360°-Panoramen, deren Pfade ein Punktlayer enthält, und schreibt anonymisierte Kopien sowie einen Layer mit dem Ort jeder Erkennung. Originale werden nie verändert; ein Bild, das nicht vollständig verarbeitet werden kann, erhält keine Kopie, sondern den Status „failed“ mit dem Grund, und der Lauf geht weiter. Ein erneuter Lauf in denselben Ausgabeordner überspringt die Bilder, deren Kopie aktuell ist. Erweiterte Parameter legen Schwellenwerte, Maske, Gerät, Worker-Prozesse oder einen Dask-Cluster und eigene Modelle fest. Die Hilfe-Schaltfläche öffnet die Beschreibung aller Parameter und Ausgaben.</translation>
        </message>
        <message>
            <location filename="../processing_provider/anonymize_images.py" line="75" />
            <source>The input layer has no field {name!r} for the image paths; its fields are: {fields}. Choose IMAGE_FIELD.</source>
            <translation>Der Eingabelayer hat kein Feld {name!r} für die Bildpfade; seine Felder sind: {fields}. Wählen Sie IMAGE_FIELD.</translation>
        </message>
        <message>
            <location filename="../processing_provider/anonymize_images.py" line="80" />
            <source>The field {name!r} holds {kind} values, not text, so it cannot hold image paths. Choose the text field with the paths (IMAGE_FIELD), e.g. 'photo' as written by 'Import geotagged photos'.</source>
            <translation>Das Feld {name!r} enthält Werte vom Typ {kind}, keinen Text, und kann daher keine Bildpfade enthalten. Wählen Sie das Textfeld mit den Pfaden (IMAGE_FIELD), z. B. „photo“, wie es „Fotos mit Geotags importieren“ schreibt.</translation>
        </message>
        <message>
            <location filename="../processing_provider/anonymize_images.py" line="94" />
            <source>The layer has no heading field {name!r}: detections are placed at the camera.</source>
            <translation>Der Layer hat kein Feld {name!r} für die Blickrichtung: Erkennungen werden an die Kamera gesetzt.</translation>
        </message>
        <message>
            <location filename="../processing_provider/anonymize_images.py" line="117" />
            <source>The layer has no valid CRS: footprints assume its units are metres.</source>
            <translation>Der Layer hat kein gültiges KBS: die Fußabdrücke nehmen Meter als Einheit an.</translation>
        </message>
        <message>
            <location filename="../processing_provider/anonymize_images.py" line="131" />
            <source>Feature {fid}: {reason}</source>
            <translation>Objekt {fid}: {reason}</translation>
        </message>
        <message>
            <location filename="../processing_provider/anonymize_images.py" line="134" />
            <source>Feature {fid} ({path}): {notes}</source>
            <translation>Objekt {fid} ({path}): {notes}</translation>
        </message>
        <message>
            <location filename="../processing_provider/anonymize_images.py" line="138" />
            <source>Canceled: the images not started are marked skipped.</source>
            <translation>Abgebrochen: die nicht begonnenen Bilder sind als übersprungen markiert.</translation>
        </message>
        <message>
            <location filename="../processing_provider/anonymize_images.py" line="144" />
            <source>{anonymized} images anonymized, {failed} failed, {skipped} skipped; {detections} detections. Anonymized copies are in {folder}.</source>
            <translation>{anonymized} Bilder anonymisiert, {failed} fehlgeschlagen, {skipped} übersprungen; {detections} Erkennungen. Die anonymisierten Kopien liegen in {folder}.</translation>
        </message>
        <message>
            <location filename="../processing_provider/anonymize_images.py" line="165" />
            <source>The style of {path} was not stored: {problem}</source>
            <translation>Der Stil von {path} wurde nicht gespeichert: {problem}</translation>
        </message>
        <message>
            <location filename="../processing_provider/anonymize_images.py" line="202" />
            <source>Anonymizing {classes} on {device}, in {engine}.</source>
            <translation>Anonymisiere {classes} auf {device}, in {engine}.</translation>
        </message>
        <message>
            <location filename="../processing_provider/evaluate.py" line="71" />
            <source>Evaluate anonymization</source>
            <translation>Anonymisierung bewerten</translation>
        </message>
        <message>
            <location filename="../processing_provider/evaluate.py" line="74" />
            <source>Evaluation</source>
            <translation>Bewertung</translation>
        </message>
        <message>
            <location filename="../processing_provider/evaluate.py" line="80" />
            <source>Measures how well anonymized images hide what they must, on images you have labelled.

Ground truth: a COCO JSON file, or a folder of YOLO .txt labels or Pascal VOC .xml files (classes face, person, license_plate/plate, vehicle/car…; COCO iscrowd and 'dontcare' regions count neither way; COCO annotations sharing a 'group' key are pieces of one object). Originals: the folder of the labelled images (default: beside the ground truth).

Give either the folder of anonymized copies (any tool: each copy is compared with its original) or the detections layer written by 'Anonymize images attached to points' with the mask scale of that run.

The measure is coverage, not IoU: for each object, the share of its pixels that are obscured (a face's pixels are the ellipse inscribed in its box; other classes, the box). Per class and size (square root of the box area: S &lt; 32 px, M 32–96, L ≥ 96, or your own bucket edges): pixels_obscured, r50 and r90 (share of objects at least 50% / 90% obscured), and over (share of background pixels obscured, away from labelled objects).

The HTML report shows the table, the worst misses and every annotation that could not be taken as it was. Its crops show ORIGINAL pixels: keep it as confidential as the originals.</source>
            <translation>Misst an Bildern, die Sie gelabelt haben, wie gut anonymisierte Bilder verbergen, was sie verbergen müssen.

Ground Truth: eine COCO-JSON-Datei oder ein Ordner mit YOLO-.txt-Labels oder Pascal-VOC-.xml-Dateien (Klassen face, person, license_plate/plate, vehicle/car…; COCO-„iscrowd“- und „dontcare“-Bereiche zählen in keine Richtung; COCO-Annotationen mit gleichem „group“-Schlüssel sind Teile eines Objekts). Originale: der Ordner der gelabelten Bilder (Standard: neben der Ground Truth).

Geben Sie entweder den Ordner der anonymisierten Kopien an (beliebiges Werkzeug: jede Kopie wird mit ihrem Original verglichen) oder den Erkennungslayer von „Bilder an Punkten anonymisieren“ mit der Maskenvergrößerung dieses Laufs.

Gemessen wird die Abdeckung, nicht IoU: für jedes Objekt der Anteil seiner Pixel, der verdeckt ist (die Pixel eines Gesichts sind die Ellipse in seinem Rechteck; bei anderen Klassen das Rechteck). Je Klasse und Größe (Quadratwurzel der Rechteckfläche: S &lt; 32 px, M 32–96, L ≥ 96 oder eigene Klassengrenzen): pixels_obscured, r50 und r90 (Anteil der Objekte, die mindestens zu 50 % / 90 % verdeckt sind) und over (Anteil verdeckter Hintergrundpixel, abseits gelabelter Objekte).

Der HTML-Bericht zeigt die Tabelle, die schlimmsten Fehlschläge und jede Annotation, die nicht so übernommen werden konnte, wie sie war. Seine Ausschnitte zeigen ORIGINAL-Pixel: behandeln Sie ihn so vertraulich wie die Originale.</translation>
        </message>
        <message>
            <location filename="../processing_provider/evaluate.py" line="105" />
            <source>Ground truth (COCO .json file, or a YOLO / Pascal VOC folder or a file in it)</source>
            <translation>Ground Truth (COCO-.json-Datei oder ein YOLO-/Pascal-VOC-Ordner bzw. eine Datei darin)</translation>
        </message>
        <message>
            <location filename="../processing_provider/evaluate.py" line="107" />
            <source>COCO JSON (*.json);;YOLO labels (*.txt *.yaml *.names);;Pascal VOC (*.xml);;All files (*)</source>
            <translation>COCO JSON (*.json);;YOLO-Labels (*.txt *.yaml *.names);;Pascal VOC (*.xml);;Alle Dateien (*)</translation>
        </message>
        <message>
            <location filename="../processing_provider/evaluate.py" line="113" />
            <source>Ground truth format</source>
            <translation>Format der Ground Truth</translation>
        </message>
        <message>
            <location filename="../processing_provider/evaluate.py" line="114" />
            <source>Detect from the file</source>
            <translation>Aus der Datei erkennen</translation>
        </message>
        <message>
            <location filename="../processing_provider/evaluate.py" line="114" />
            <source>COCO JSON</source>
            <translation>COCO JSON</translation>
        </message>
        <message>
            <location filename="../processing_provider/evaluate.py" line="114" />
            <source>YOLO txt</source>
            <translation>YOLO txt</translation>
        </message>
        <message>
            <location filename="../processing_provider/evaluate.py" line="114" />
            <source>Pascal VOC xml</source>
            <translation>Pascal VOC xml</translation>
        </message>
        <message>
            <location filename="../processing_provider/evaluate.py" line="121" />
            <source>Folder of the original images (default: beside the ground truth)</source>
            <translation>Ordner der Originalbilder (Standard: neben der Ground Truth)</translation>
        </message>
        <message>
            <location filename="../processing_provider/evaluate.py" line="129" />
            <source>Folder of the anonymized copies</source>
            <translation>Ordner der anonymisierten Kopien</translation>
        </message>
        <message>
            <location filename="../processing_provider/evaluate.py" line="137" />
            <source>…or the detections layer written by 'Anonymize images attached to points'</source>
            <translation>…oder der Erkennungslayer von „Bilder an Punkten anonymisieren“</translation>
        </message>
        <message>
            <location filename="../processing_provider/evaluate.py" line="144" />
            <source>Mask scale of the anonymization run (with a detections layer)</source>
            <translation>Maskenvergrößerung des Anonymisierungslaufs (bei einem Erkennungslayer)</translation>
        </message>
        <message>
            <location filename="../processing_provider/evaluate.py" line="155" />
            <source>Size bucket edges in pixels, comma-separated</source>
            <translation>Größenklassengrenzen in Pixeln, durch Kommas getrennt</translation>
        </message>
        <message>
            <location filename="../processing_provider/evaluate.py" line="161" />
            <source>Worst misses shown in the report</source>
            <translation>Im Bericht gezeigte schlimmste Fehlschläge</translation>
        </message>
        <message>
            <location filename="../processing_provider/evaluate.py" line="167" />
            <source>Coverage by class and size</source>
            <translation>Abdeckung nach Klasse und Größe</translation>
        </message>
        <message>
            <location filename="../processing_provider/evaluate.py" line="172" />
            <source>Evaluation report</source>
            <translation>Bewertungsbericht</translation>
        </message>
        <message>
            <location filename="../processing_provider/evaluate.py" line="172" />
            <source>HTML files (*.html)</source>
            <translation>HTML-Dateien (*.html)</translation>
        </message>
        <message>
            <location filename="../processing_provider/evaluate.py" line="177" />
            <source>Images evaluated</source>
            <translation>Bewertete Bilder</translation>
        </message>
        <message>
            <location filename="../processing_provider/evaluate.py" line="178" />
            <source>Images not evaluated</source>
            <translation>Nicht bewertete Bilder</translation>
        </message>
        <message>
            <location filename="../processing_provider/evaluate.py" line="179" />
            <source>Annotations or images with a problem</source>
            <translation>Annotationen oder Bilder mit einem Problem</translation>
        </message>
        <message>
            <location filename="../processing_provider/evaluate.py" line="185" />
            <source>Give either the folder of anonymized copies or the detections layer of the anonymization run (exactly one of the two).</source>
            <translation>Geben Sie entweder den Ordner der anonymisierten Kopien oder den Erkennungslayer des Anonymisierungslaufs an (genau eines von beiden).</translation>
        </message>
        <message>
            <location filename="../processing_provider/evaluate.py" line="205" />
            <source>The folder of original images {} does not exist.</source>
            <translation>Der Ordner der Originalbilder {} existiert nicht.</translation>
        </message>
        <message>
            <location filename="../processing_provider/evaluate.py" line="208" />
            <source>{} images labelled ({}), {} annotation problem(s); scoring {}.</source>
            <translation>{} Bilder gelabelt ({}), {} Annotationsproblem(e); bewertet wird {}.</translation>
        </message>
        <message>
            <location filename="../processing_provider/evaluate.py" line="217" />
            <source>Evaluation canceled; nothing was written.</source>
            <translation>Bewertung abgebrochen; nichts wurde geschrieben.</translation>
        </message>
        <message>
            <location filename="../processing_provider/evaluate.py" line="223" />
            <source>… and {} more problems, listed in the report.</source>
            <translation>… und {} weitere Probleme, aufgeführt im Bericht.</translation>
        </message>
        <message>
            <location filename="../processing_provider/evaluate.py" line="227" />
            <source>No image could be evaluated: check the originals folder and the copies or detections (see the warnings).</source>
            <translation>Kein Bild konnte bewertet werden: prüfen Sie den Ordner der Originale und die Kopien bzw. Erkennungen (siehe Warnungen).</translation>
        </message>
        <message>
            <location filename="../processing_provider/evaluate.py" line="235" />
            <source>{} objects in {} images: {:.3f} of their pixels obscured; {:.3f} of them at least 90% obscured.</source>
            <translation>{} Objekte in {} Bildern: {:.3f} ihrer Pixel verdeckt; {:.3f} davon mindestens zu 90 % verdeckt.</translation>
        </message>
        <message>
            <location filename="../processing_provider/evaluate.py" line="258" />
            <source>Ground truth {} does not exist; choose a COCO .json file or a YOLO / Pascal VOC folder.</source>
            <translation>Die Ground Truth {} existiert nicht; wählen Sie eine COCO-.json-Datei oder einen YOLO-/Pascal-VOC-Ordner.</translation>
        </message>
        <message>
            <location filename="../processing_provider/evaluate.py" line="268" />
            <source>The folder of anonymized copies {} does not exist.</source>
            <translation>Der Ordner der anonymisierten Kopien {} existiert nicht.</translation>
        </message>
        <message>
            <location filename="../processing_provider/evaluate.py" line="272" />
            <source>The detections layer cannot be read.</source>
            <translation>Der Erkennungslayer kann nicht gelesen werden.</translation>
        </message>
        <message>
            <location filename="../processing_provider/evaluate.py" line="298" />
            <source>{} detection(s) with empty or invalid fields were ignored.</source>
            <translation>{} Erkennung(en) mit leeren oder ungültigen Feldern wurden ignoriert.</translation>
        </message>
        <message>
            <location filename="../processing_provider/evaluate.py" line="322" />
            <source>Ground truth</source>
            <translation>Ground Truth</translation>
        </message>
        <message>
            <location filename="../processing_provider/evaluate.py" line="323" />
            <source>Originals</source>
            <translation>Originale</translation>
        </message>
        <message>
            <location filename="../processing_provider/evaluate.py" line="324" />
            <source>Scored from</source>
            <translation>Bewertet anhand von</translation>
        </message>
        <message>
            <location filename="../processing_provider/evaluate.py" line="327" />
            <source>Objects</source>
            <translation>Objekte</translation>
        </message>
        <message>
            <location filename="../processing_provider/evaluate.py" line="328" />
            <source>Share of object pixels obscured</source>
            <translation>Anteil verdeckter Objektpixel</translation>
        </message>
        <message>
            <location filename="../processing_provider/evaluate.py" line="329" />
            <source>Objects at least 90% obscured</source>
            <translation>Objekte mindestens zu 90 % verdeckt</translation>
        </message>
        <message>
            <location filename="../processing_provider/evaluate.py" line="330" />
            <source>Background obscured (over)</source>
            <translation>Verdeckter Hintergrund (over)</translation>
        </message>
        <message>
            <location filename="../processing_provider/evaluate.py" line="331" />
            <source>Size buckets (px)</source>
            <translation>Größenklassen (px)</translation>
        </message>
        <message>
            <location filename="../processing_provider/evaluate.py" line="336" />
            <source>GeoBlur anonymization report</source>
            <translation>GeoBlur-Anonymisierungsbericht</translation>
        </message>
        <message>
            <location filename="../processing_provider/evaluate.py" line="339" />
            <source>pixels_obscured: share of the objects' pixels obscured (a face's pixels: the ellipse inscribed in its box; other classes: the box). r50 / r90: share of objects at least 50% / 90% obscured. over: share of background pixels obscured (away from labelled objects, crowd and don't-care regions). Size: square root of the box area, in pixels.</source>
            <translation>pixels_obscured: Anteil der verdeckten Objektpixel (die Pixel eines Gesichts: die Ellipse in seinem Rechteck; andere Klassen: das Rechteck). r50 / r90: Anteil der Objekte, die mindestens zu 50 % / 90 % verdeckt sind. over: Anteil verdeckter Hintergrundpixel (abseits gelabelter Objekte, Menschenmengen- und Don't-care-Bereiche). Größe: Quadratwurzel der Rechteckfläche in Pixeln.</translation>
        </message>
        <message>
            <location filename="../processing_provider/evaluate.py" line="345" />
            <source>Worst misses</source>
            <translation>Schlimmste Fehlschläge</translation>
        </message>
        <message>
            <location filename="../processing_provider/evaluate.py" line="346" />
            <source>Crops of the ORIGINAL images: red = labelled object, blue tint = obscured pixels. This report shows unanonymized faces and plates: keep it as confidential as the originals.</source>
            <translation>Ausschnitte der ORIGINALBILDER: rot = gelabeltes Objekt, blaue Tönung = verdeckte Pixel. Dieser Bericht zeigt nicht anonymisierte Gesichter und Kennzeichen: behandeln Sie ihn so vertraulich wie die Originale.</translation>
        </message>
        <message>
            <location filename="../processing_provider/evaluate.py" line="350" />
            <source>Every object is at least 90% obscured.</source>
            <translation>Jedes Objekt ist mindestens zu 90 % verdeckt.</translation>
        </message>
        <message>
            <location filename="../processing_provider/evaluate.py" line="351" />
            <source>Annotations not taken as they were</source>
            <translation>Annotationen, die nicht unverändert übernommen wurden</translation>
        </message>
        <message>
            <location filename="../processing_provider/evaluate.py" line="352" />
            <source>None.</source>
            <translation>Keine.</translation>
        </message>
        <message>
            <location filename="../processing_provider/evaluate.py" line="353" />
            <source>… and {count} more.</source>
            <translation>… und {count} weitere.</translation>
        </message>
        <message>
            <location filename="../processing_provider/evaluate.py" line="354" />
            <source>{image} — {cls} {label}, {size} px, {coverage} obscured</source>
            <translation>{image} — {cls} {label}, {size} px, {coverage} verdeckt</translation>
        </message>
        <message>
            <location filename="../processing_provider/jobs.py" line="54" />
            <source>Feature {fid}: heading {value!r} in field {field} is not a number; its detections are placed at the camera.</source>
            <translation>Objekt {fid}: Blickrichtung {value!r} im Feld {field} ist keine Zahl; seine Erkennungen werden an die Kamera gesetzt.</translation>
        </message>
        <message>
            <location filename="../processing_provider/jobs.py" line="71" />
            <source>The image path {value!r} is relative but there is no base folder: set BASE_FOLDER or use a layer saved in a file.</source>
            <translation>Der Bildpfad {value!r} ist relativ, aber es gibt keinen Basisordner: setzen Sie BASE_FOLDER oder verwenden Sie einen in einer Datei gespeicherten Layer.</translation>
        </message>
        <message>
            <location filename="../processing_provider/parameters.py" line="68" />
            <source>Faces</source>
            <translation>Gesichter</translation>
        </message>
        <message>
            <location filename="../processing_provider/parameters.py" line="68" />
            <source>Persons</source>
            <translation>Personen</translation>
        </message>
        <message>
            <location filename="../processing_provider/parameters.py" line="68" />
            <source>Licence plates</source>
            <translation>Kfz-Kennzeichen</translation>
        </message>
        <message>
            <location filename="../processing_provider/parameters.py" line="68" />
            <source>Vehicles</source>
            <translation>Fahrzeuge</translation>
        </message>
        <message>
            <location filename="../processing_provider/parameters.py" line="85" />
            <source>Point layer with image paths</source>
            <translation>Punktlayer mit Bildpfaden</translation>
        </message>
        <message>
            <location filename="../processing_provider/parameters.py" line="90" />
            <source>Field with the image path</source>
            <translation>Feld mit dem Bildpfad</translation>
        </message>
        <message>
            <location filename="../processing_provider/parameters.py" line="93" />
            <source>Base folder for relative image paths (default: the layer's folder)</source>
            <translation>Basisordner für relative Bildpfade (Standard: der Ordner des Layers)</translation>
        </message>
        <message>
            <location filename="../processing_provider/parameters.py" line="96" />
            <source>Objects to anonymize</source>
            <translation>Zu anonymisierende Objekte</translation>
        </message>
        <message>
            <location filename="../processing_provider/parameters.py" line="98" />
            <source>Anonymization method</source>
            <translation>Anonymisierungsmethode</translation>
        </message>
        <message>
            <location filename="../processing_provider/parameters.py" line="98" />
            <source>Gaussian blur</source>
            <translation>Gaußscher Weichzeichner</translation>
        </message>
        <message>
            <location filename="../processing_provider/parameters.py" line="98" />
            <source>Pixelate</source>
            <translation>Verpixeln</translation>
        </message>
        <message>
            <location filename="../processing_provider/parameters.py" line="98" />
            <source>Solid fill</source>
            <translation>Füllen</translation>
        </message>
        <message>
            <location filename="../processing_provider/parameters.py" line="100" />
            <source>Image type</source>
            <translation>Bildtyp</translation>
        </message>
        <message>
            <location filename="../processing_provider/parameters.py" line="101" />
            <source>Automatic (360° panorama when GPano metadata says so, or a 2:1 image whose edges meet)</source>
            <translation>Automatisch (360°-Panorama, wenn GPano-Metadaten es sagen oder ein 2:1-Bild, dessen Ränder aneinanderpassen)</translation>
        </message>
        <message>
            <location filename="../processing_provider/parameters.py" line="102" />
            <source>Photo</source>
            <translation>Foto</translation>
        </message>
        <message>
            <location filename="../processing_provider/parameters.py" line="102" />
            <source>360° panorama (equirectangular)</source>
            <translation>360°-Panorama (equirektangular)</translation>
        </message>
        <message>
            <location filename="../processing_provider/parameters.py" line="104" />
            <source>Field with the camera heading (degrees clockwise from north)</source>
            <translation>Feld mit der Blickrichtung der Kamera (Grad im Uhrzeigersinn ab Nord)</translation>
        </message>
        <message>
            <location filename="../processing_provider/parameters.py" line="107" />
            <source>Fill colour (solid fill)</source>
            <translation>Füllfarbe (Füllen)</translation>
        </message>
        <message>
            <location filename="../processing_provider/parameters.py" line="108" />
            <source>Detection threshold, all classes (empty: each model's default)</source>
            <translation>Erkennungsschwelle, alle Klassen (leer: Standard jedes Modells)</translation>
        </message>
        <message>
            <location filename="../processing_provider/parameters.py" line="109" />
            <source>Detection threshold, faces</source>
            <translation>Erkennungsschwelle, Gesichter</translation>
        </message>
        <message>
            <location filename="../processing_provider/parameters.py" line="110" />
            <source>Detection threshold, persons</source>
            <translation>Erkennungsschwelle, Personen</translation>
        </message>
        <message>
            <location filename="../processing_provider/parameters.py" line="111" />
            <source>Detection threshold, licence plates</source>
            <translation>Erkennungsschwelle, Kfz-Kennzeichen</translation>
        </message>
        <message>
            <location filename="../processing_provider/parameters.py" line="112" />
            <source>Detection threshold, vehicles</source>
            <translation>Erkennungsschwelle, Fahrzeuge</translation>
        </message>
        <message>
            <location filename="../processing_provider/parameters.py" line="114" />
            <source>Mask enlargement (times the detected box)</source>
            <translation>Maskenvergrößerung (Vielfaches des erkannten Rechtecks)</translation>
        </message>
        <message>
            <location filename="../processing_provider/parameters.py" line="117" />
            <source>Device</source>
            <translation>Gerät</translation>
        </message>
        <message>
            <location filename="../processing_provider/parameters.py" line="117" />
            <source>Automatic (GPU when available)</source>
            <translation>Automatisch (GPU, wenn verfügbar)</translation>
        </message>
        <message>
            <location filename="../processing_provider/parameters.py" line="117" />
            <source>CPU</source>
            <translation>CPU</translation>
        </message>
        <message>
            <location filename="../processing_provider/parameters.py" line="117" />
            <source>CUDA GPU</source>
            <translation>CUDA-GPU</translation>
        </message>
        <message>
            <location filename="../processing_provider/parameters.py" line="119" />
            <source>JPEG quality of the anonymized copies</source>
            <translation>JPEG-Qualität der anonymisierten Kopien</translation>
        </message>
        <message>
            <location filename="../processing_provider/parameters.py" line="122" />
            <source>Re-encode JPEGs whole (default: new coefficients only in the blocks under the masks)</source>
            <translation>JPEGs vollständig neu kodieren (Standard: neue Koeffizienten nur in den Blöcken unter den Masken)</translation>
        </message>
        <message>
            <location filename="../processing_provider/parameters.py" line="125" />
            <source>Horizontal field of view in degrees (when EXIF has no 35 mm focal length)</source>
            <translation>Horizontaler Bildwinkel in Grad (wenn EXIF keine Kleinbild-Brennweite enthält)</translation>
        </message>
        <message>
            <location filename="../processing_provider/parameters.py" line="128" />
            <source>Your own models (ONNX files or GeoBlur manifest JSON)</source>
            <translation>Eigene Modelle (ONNX-Dateien oder GeoBlur-Manifest-JSON)</translation>
        </message>
        <message>
            <location filename="../processing_provider/parameters.py" line="131" />
            <source>Class map of your own models, e.g. plate=license_plate; car=vehicle; 0=person</source>
            <translation>Klassenzuordnung der eigenen Modelle, z. B. plate=license_plate; car=vehicle; 0=person</translation>
        </message>
        <message>
            <location filename="../processing_provider/parameters.py" line="134" />
            <source>Worker processes (0: one per core; 1: in QGIS's own process)</source>
            <translation>Worker-Prozesse (0: einer je Kern; 1: im Prozess von QGIS selbst)</translation>
        </message>
        <message>
            <location filename="../processing_provider/parameters.py" line="137" />
            <source>Dask scheduler address for a cluster, e.g. tcp://host:8786 (empty: this computer)</source>
            <translation>Adresse des Dask-Schedulers eines Clusters, z. B. tcp://host:8786 (leer: dieser Computer)</translation>
        </message>
        <message>
            <location filename="../processing_provider/parameters.py" line="140" />
            <source>Redo images whose anonymized copy is up to date</source>
            <translation>Bilder neu bearbeiten, deren anonymisierte Kopie aktuell ist</translation>
        </message>
        <message>
            <location filename="../processing_provider/parameters.py" line="141" />
            <source>Folder for the anonymized images</source>
            <translation>Ordner für die anonymisierten Bilder</translation>
        </message>
        <message>
            <location filename="../processing_provider/parameters.py" line="142" />
            <source>Detections</source>
            <translation>Erkennungen</translation>
        </message>
        <message>
            <location filename="../processing_provider/parameters.py" line="143" />
            <source>Images</source>
            <translation>Bilder</translation>
        </message>
        <message>
            <location filename="../processing_provider/parameters.py" line="144" />
            <source>Images anonymized</source>
            <translation>Anonymisierte Bilder</translation>
        </message>
        <message>
            <location filename="../processing_provider/parameters.py" line="145" />
            <source>Images failed</source>
            <translation>Fehlgeschlagene Bilder</translation>
        </message>
        <message>
            <location filename="../processing_provider/parameters.py" line="146" />
            <source>Images skipped (up to date or canceled)</source>
            <translation>Übersprungene Bilder (aktuell oder abgebrochen)</translation>
        </message>
        <message>
            <location filename="../processing_provider/parameters.py" line="185" />
            <source>MODEL_CLASSES is set but MODELS is empty: add the model files the class map is for, or clear MODEL_CLASSES.</source>
            <translation>MODEL_CLASSES ist gesetzt, aber MODELS ist leer: fügen Sie die Modelldateien hinzu, für die die Klassenzuordnung gilt, oder leeren Sie MODEL_CLASSES.</translation>
        </message>
        <message>
            <location filename="../processing_provider/parameters.py" line="201" />
            <source>Choose at least one kind of object to anonymize (CLASSES).</source>
            <translation>Wählen Sie mindestens eine Art von Objekt zum Anonymisieren (CLASSES).</translation>
        </message>
        <message>
            <location filename="../processing_provider/provider.py" line="21" />
            <source>GeoBlur: anonymize georeferenced images</source>
            <translation>GeoBlur: georeferenzierte Bilder anonymisieren</translation>
        </message>
        <message>
            <location filename="../processing_provider/render.py" line="72" />
            <source>Re-render anonymized copies from reviewed detections</source>
            <translation>Anonymisierte Kopien aus überprüften Erkennungen neu erzeugen</translation>
        </message>
        <message>
            <location filename="../processing_provider/render.py" line="81" />
            <source>privacy,review,render,blur,detections</source>
            <translation>Datenschutz,Überprüfung,Rendern,Unschärfe,Erkennungen</translation>
        </message>
        <message>
            <location filename="../processing_provider/render.py" line="87" />
            <source>Renders each anonymized copy named in a detections layer (the OUTPUT of 'Anonymize images attached to points', edited in a review or by any tool) again from its original: every row is obscured except those whose decision is 'rejected'. Copies whose rows, method and original did not change since they were written are skipped. A copy whose rows cannot be used (unknown class, a box that is not a box, a missing or changed original) fails: nothing is written and its earlier copy is removed. The originals must be readable at source_path.</source>
            <translation>Erzeugt jede anonymisierte Kopie, die ein Erkennungslayer nennt (der OUTPUT von „Bilder an Punkten anonymisieren“, in einer Überprüfung oder mit einem beliebigen Werkzeug bearbeitet), neu aus ihrem Original: verdeckt wird jede Zeile außer denen, deren Entscheidung (decision) „rejected“ lautet. Kopien, deren Zeilen, Methode und Original sich seit dem Schreiben nicht geändert haben, werden übersprungen. Eine Kopie, deren Zeilen nicht verwendet werden können (unbekannte Klasse, ein Rechteck, das kein Rechteck ist, ein fehlendes oder geändertes Original), schlägt fehl: nichts wird geschrieben und ihre frühere Kopie wird entfernt. Die Originale müssen unter source_path lesbar sein.</translation>
        </message>
        <message>
            <location filename="../processing_provider/render.py" line="98" />
            <source>Detections (reviewed)</source>
            <translation>Erkennungen (überprüft)</translation>
        </message>
        <message>
            <location filename="../processing_provider/render.py" line="101" />
            <source>As the run recorded it</source>
            <translation>Wie im Lauf aufgezeichnet</translation>
        </message>
        <message>
            <location filename="../processing_provider/render.py" line="103" />
            <source>Mask enlargement (empty: as the run recorded it)</source>
            <translation>Maskenvergrößerung (leer: wie im Lauf aufgezeichnet)</translation>
        </message>
        <message>
            <location filename="../processing_provider/render.py" line="110" />
            <source>Render every copy, also those that are up to date</source>
            <translation>Jede Kopie neu erzeugen, auch die aktuellen</translation>
        </message>
        <message>
            <location filename="../processing_provider/render.py" line="112" />
            <source>Rendered copies</source>
            <translation>Neu erzeugte Kopien</translation>
        </message>
        <message>
            <location filename="../processing_provider/render.py" line="113" />
            <source>Copies rendered</source>
            <translation>Erzeugte Kopien</translation>
        </message>
        <message>
            <location filename="../processing_provider/render.py" line="114" />
            <source>Copies up to date (skipped)</source>
            <translation>Aktuelle Kopien (übersprungen)</translation>
        </message>
        <message>
            <location filename="../processing_provider/render.py" line="115" />
            <source>Copies failed</source>
            <translation>Fehlgeschlagene Kopien</translation>
        </message>
        <message>
            <location filename="../processing_provider/render.py" line="139" />
            <source>Canceled: {} copies were not rendered.</source>
            <translation>Abgebrochen: {} Kopien wurden nicht erzeugt.</translation>
        </message>
        <message>
            <location filename="../processing_provider/render.py" line="148" />
            <source>{anonymized} copies rendered, {skipped} up to date, {failed} failed.</source>
            <translation>{anonymized} Kopien erzeugt, {skipped} aktuell, {failed} fehlgeschlagen.</translation>
        </message>
        <message>
            <location filename="../processing_provider/render.py" line="180" />
            <source>{path}: rendered with {count} detection(s).</source>
            <translation>{path}: mit {count} Erkennung(en) erzeugt.</translation>
        </message>
        <message>
            <location filename="../processing_provider/sinks.py" line="38" />
            <source>The detections layer lacks the field(s) {}: use the OUTPUT layer of 'Anonymize images attached to points'.</source>
            <translation>Dem Erkennungslayer fehlen die Felder {}: verwenden Sie den OUTPUT-Layer von „Bilder an Punkten anonymisieren“.</translation>
        </message>
    </context>
</TS>
