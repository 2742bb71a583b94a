<!DOCTYPE qgis PUBLIC 'http://mrcc.com/qgis.dtd' 'SYSTEM'>
<qgis minScale="100000000" styleCategories="AllStyleCategories" labelsEnabled="0" readOnly="0" simplifyDrawingTol="1" maxScale="0" simplifyAlgorithm="0" hasScaleBasedVisibilityFlag="0" simplifyMaxScale="1" simplifyLocal="1" version="3.22.16-Białowieża" simplifyDrawingHints="1" symbologyReferenceScale="-1">
 <flags>
  <Identifiable>1</Identifiable>
  <Removable>1</Removable>
  <Searchable>1</Searchable>
  <Private>0</Private>
 </flags>
 <temporal startExpression="" durationField="" endField="" enabled="0" mode="0" endExpression="" startField="" fixedDuration="0" durationUnit="min" limitMode="0" accumulate="0">
  <fixedRange>
   <start></start>
   <end></end>
  </fixedRange>
 </temporal>
 <renderer-v2 symbollevels="0" referencescale="-1" forceraster="0" type="categorizedSymbol" attr="status" enableorderby="0">
  <categories>
   <category label="Anonymized" symbol="0" render="true" value="anonymized"/>
   <category label="Failed (no copy)" symbol="1" render="true" value="failed"/>
   <category label="Skipped" symbol="2" render="true" value="skipped"/>
  </categories>
  <symbols>
   <symbol clip_to_extent="1" alpha="1" name="0" type="marker" force_rhr="0">
    <data_defined_properties>
     <Option type="Map">
      <Option name="name" type="QString" value=""/>
      <Option name="properties"/>
      <Option name="type" type="QString" value="collection"/>
     </Option>
    </data_defined_properties>
    <layer pass="0" class="SimpleMarker" locked="0" enabled="1">
     <Option type="Map">
      <Option name="angle" type="QString" value="0"/>
      <Option name="cap_style" type="QString" value="square"/>
      <Option name="color" type="QString" value="51,160,44,255"/>
      <Option name="horizontal_anchor_point" type="QString" value="1"/>
      <Option name="joinstyle" type="QString" value="bevel"/>
      <Option name="name" type="QString" value="circle"/>
      <Option name="offset" type="QString" value="0,0"/>
      <Option name="offset_map_unit_scale" type="QString" value="3x:0,0,0,0,0,0"/>
      <Option name="offset_unit" type="QString" value="MM"/>
      <Option name="outline_color" type="QString" value="35,35,35,255"/>
      <Option name="outline_style" type="QString" value="solid"/>
      <Option name="outline_width" type="QString" value="0"/>
      <Option name="outline_width_map_unit_scale" type="QString" value="3x:0,0,0,0,0,0"/>
      <Option name="outline_width_unit" type="QString" value="MM"/>
      <Option name="scale_method" type="QString" value="diameter"/>
      <Option name="size" type="QString" value="3"/>
      <Option name="size_map_unit_scale" type="QString" value="3x:0,0,0,0,0,0"/>
      <Option name="size_unit" type="QString" value="MM"/>
      <Option name="vertical_anchor_point" type="QString" value="1"/>
     </Option>
     <prop k="angle" v="0"/>
     <prop k="cap_style" v="square"/>
     <prop k="color" v="51,160,44,255"/>
     <prop k="horizontal_anchor_point" v="1"/>
     <prop k="joinstyle" v="bevel"/>
     <prop k="name" v="circle"/>
     <prop k="offset" v="0,0"/>
     <prop k="offset_map_unit_scale" v="3x:0,0,0,0,0,0"/>
     <prop k="offset_unit" v="MM"/>
     <prop k="outline_color" v="35,35,35,255"/>
     <prop k="outline_style" v="solid"/>
     <prop k="outline_width" v="0"/>
     <prop k="outline_width_map_unit_scale" v="3x:0,0,0,0,0,0"/>
     <prop k="outline_width_unit" v="MM"/>
     <prop k="scale_method" v="diameter"/>
     <prop k="size" v="3"/>
     <prop k="size_map_unit_scale" v="3x:0,0,0,0,0,0"/>
     <prop k="size_unit" v="MM"/>
     <prop k="vertical_anchor_point" v="1"/>
     <data_defined_properties>
      <Option type="Map">
       <Option name="name" type="QString" value=""/>
       <Option name="properties"/>
       <Option name="type" type="QString" value="collection"/>
      </Option>
     </data_defined_properties>
    </layer>
   </symbol>
   <symbol clip_to_extent="1" alpha="1" name="1" type="marker" force_rhr="0">
    <data_defined_properties>
     <Option type="Map">
      <Option name="name" type="QString" value=""/>
      <Option name="properties"/>
      <Option name="type" type="QString" value="collection"/>
     </Option>
    </data_defined_properties>
    <layer pass="0" class="SimpleMarker" locked="0" enabled="1">
     <Option type="Map">
      <Option name="angle" type="QString" value="0"/>
      <Option name="cap_style" type="QString" value="square"/>
      <Option name="color" type="QString" value="227,26,28,255"/>
      <Option name="horizontal_anchor_point" type="QString" value="1"/>
      <Option name="joinstyle" type="QString" value="bevel"/>
      <Option name="name" type="QString" value="circle"/>
      <Option name="offset" type="QString" value="0,0"/>
      <Option name="offset_map_unit_scale" type="QString" value="3x:0,0,0,0,0,0"/>
      <Option name="offset_unit" type="QString" value="MM"/>
      <Option name="outline_color" type="QString" value="35,35,35,255"/>
      <Option name="outline_style" type="QString" value="solid"/>
      <Option name="outline_width" type="QString" value="0"/>
      <Option name="outline_width_map_unit_scale" type="QString" value="3x:0,0,0,0,0,0"/>
      <Option name="outline_width_unit" type="QString" value="MM"/>
      <Option name="scale_method" type="QString" value="diameter"/>
      <Option name="size" type="QString" value="3"/>
      <Option name="size_map_unit_scale" type="QString" value="3x:0,0,0,0,0,0"/>
      <Option name="size_unit" type="QString" value="MM"/>
      <Option name="vertical_anchor_point" type="QString" value="1"/>
     </Option>
     <prop k="angle" v="0"/>
     <prop k="cap_style" v="square"/>
     <prop k="color" v="227,26,28,255"/>
     <prop k="horizontal_anchor_point" v="1"/>
     <prop k="joinstyle" v="bevel"/>
     <prop k="name" v="circle"/>
     <prop k="offset" v="0,0"/>
     <prop k="offset_map_unit_scale" v="3x:0,0,0,0,0,0"/>
     <prop k="offset_unit" v="MM"/>
     <prop k="outline_color" v="35,35,35,255"/>
     <prop k="outline_style" v="solid"/>
     <prop k="outline_width" v="0"/>
     <prop k="outline_width_map_unit_scale" v="3x:0,0,0,0,0,0"/>
     <prop k="outline_width_unit" v="MM"/>
     <prop k="scale_method" v="diameter"/>
     <prop k="size" v="3"/>
     <prop k="size_map_unit_scale" v="3x:0,0,0,0,0,0"/>
     <prop k="size_unit" v="MM"/>
     <prop k="vertical_anchor_point" v="1"/>
     <data_defined_properties>
      <Option type="Map">
       <Option name="name" type="QString" value=""/>
       <Option name="properties"/>
       <Option name="type" type="QString" value="collection"/>
      </Option>
     </data_defined_properties>
    </layer>
   </symbol>
   <symbol clip_to_extent="1" alpha="1" name="2" type="marker" force_rhr="0">
    <data_defined_properties>
     <Option type="Map">
      <Option name="name" type="QString" value=""/>
      <Option name="properties"/>
      <Option name="type" type="QString" value="collection"/>
     </Option>
    </data_defined_properties>
    <layer pass="0" class="SimpleMarker" locked="0" enabled="1">
     <Option type="Map">
      <Option name="angle" type="QString" value="0"/>
      <Option name="cap_style" type="QString" value="square"/>
      <Option name="color" type="QString" value="158,158,158,255"/>
      <Option name="horizontal_anchor_point" type="QString" value="1"/>
      <Option name="joinstyle" type="QString" value="bevel"/>
      <Option name="name" type="QString" value="circle"/>
      <Option name="offset" type="QString" value="0,0"/>
      <Option name="offset_map_unit_scale" type="QString" value="3x:0,0,0,0,0,0"/>
      <Option name="offset_unit" type="QString" value="MM"/>
      <Option name="outline_color" type="QString" value="35,35,35,255"/>
      <Option name="outline_style" type="QString" value="solid"/>
      <Option name="outline_width" type="QString" value="0"/>
      <Option name="outline_width_map_unit_scale" type="QString" value="3x:0,0,0,0,0,0"/>
      <Option name="outline_width_unit" type="QString" value="MM"/>
      <Option name="scale_method" type="QString" value="diameter"/>
      <Option name="size" type="QString" value="3"/>
      <Option name="size_map_unit_scale" type="QString" value="3x:0,0,0,0,0,0"/>
      <Option name="size_unit" type="QString" value="MM"/>
      <Option name="vertical_anchor_point" type="QString" value="1"/>
     </Option>
     <prop k="angle" v="0"/>
     <prop k="cap_style" v="square"/>
     <prop k="color" v="158,158,158,255"/>
     <prop k="horizontal_anchor_point" v="1"/>
     <prop k="joinstyle" v="bevel"/>
     <prop k="name" v="circle"/>
     <prop k="offset" v="0,0"/>
     <prop k="offset_map_unit_scale" v="3x:0,0,0,0,0,0"/>
     <prop k="offset_unit" v="MM"/>
     <prop k="outline_color" v="35,35,35,255"/>
     <prop k="outline_style" v="solid"/>
     <prop k="outline_width" v="0"/>
     <prop k="outline_width_map_unit_scale" v="3x:0,0,0,0,0,0"/>
     <prop k="outline_width_unit" v="MM"/>
     <prop k="scale_method" v="diameter"/>
     <prop k="size" v="3"/>
     <prop k="size_map_unit_scale" v="3x:0,0,0,0,0,0"/>
     <prop k="size_unit" v="MM"/>
     <prop k="vertical_anchor_point" v="1"/>
     <data_defined_properties>
      <Option type="Map">
       <Option name="name" type="QString" value=""/>
       <Option name="properties"/>
       <Option name="type" type="QString" value="collection"/>
      </Option>
     </data_defined_properties>
    </layer>
   </symbol>
  </symbols>
  <rotation/>
  <sizescale/>
 </renderer-v2>
 <customproperties>
  <Option/>
 </customproperties>
 <blendMode>0</blendMode>
 <featureBlendMode>0</featureBlendMode>
 <layerOpacity>1</layerOpacity>
 <geometryOptions geometryPrecision="0" removeDuplicateNodes="0">
  <activeChecks type="StringList">
   <Option type="QString" value=""/>
  </activeChecks>
  <checkConfiguration/>
 </geometryOptions>
 <legend showLabelLegend="0" type="default-vector"/>
 <referencedLayers/>
 <fieldConfiguration>
  <field name="output_path" configurationFlags="None">
   <editWidget type="">
    <config>
     <Option/>
    </config>
   </editWidget>
  </field>
  <field name="status" configurationFlags="None">
   <editWidget type="">
    <config>
     <Option/>
    </config>
   </editWidget>
  </field>
  <field name="detections" configurationFlags="None">
   <editWidget type="">
    <config>
     <Option/>
    </config>
   </editWidget>
  </field>
  <field name="error" configurationFlags="None">
   <editWidget type="">
    <config>
     <Option/>
    </config>
   </editWidget>
  </field>
  <field name="device" configurationFlags="None">
   <editWidget type="">
    <config>
     <Option/>
    </config>
   </editWidget>
  </field>
  <field name="notes" configurationFlags="None">
   <editWidget type="">
    <config>
     <Option/>
    </config>
   </editWidget>
  </field>
  <field name="geoblur_version" configurationFlags="None">
   <editWidget type="">
    <config>
     <Option/>
    </config>
   </editWidget>
  </field>
  <field name="models" configurationFlags="None">
   <editWidget type="">
    <config>
     <Option/>
    </config>
   </editWidget>
  </field>
  <field name="method" configurationFlags="None">
   <editWidget type="">
    <config>
     <Option/>
    </config>
   </editWidget>
  </field>
  <field name="mask_scale" configurationFlags="None">
   <editWidget type="">
    <config>
     <Option/>
    </config>
   </editWidget>
  </field>
  <field name="source_path" configurationFlags="None">
   <editWidget type="">
    <config>
     <Option/>
    </config>
   </editWidget>
  </field>
  <field name="projection" configurationFlags="None">
   <editWidget type="">
    <config>
     <Option/>
    </config>
   </editWidget>
  </field>
  <field name="camera_heading" configurationFlags="None">
   <editWidget type="">
    <config>
     <Option/>
    </config>
   </editWidget>
  </field>
  <field name="horizontal_fov" configurationFlags="None">
   <editWidget type="">
    <config>
     <Option/>
    </config>
   </editWidget>
  </field>
 </fieldConfiguration>
 <aliases>
  <alias field="output_path" index="0" name=""/>
  <alias field="status" index="1" name=""/>
  <alias field="detections" index="2" name=""/>
  <alias field="error" index="3" name=""/>
  <alias field="device" index="4" name=""/>
  <alias field="notes" index="5" name=""/>
  <alias field="geoblur_version" index="6" name=""/>
  <alias field="models" index="7" name=""/>
  <alias field="method" index="8" name=""/>
  <alias field="mask_scale" index="9" name=""/>
  <alias field="source_path" index="10" name=""/>
  <alias field="projection" index="11" name=""/>
  <alias field="camera_heading" index="12" name=""/>
  <alias field="horizontal_fov" index="13" name=""/>
 </aliases>
 <defaults>
  <default applyOnUpdate="0" field="output_path" expression=""/>
  <default applyOnUpdate="0" field="status" expression=""/>
  <default applyOnUpdate="0" field="detections" expression=""/>
  <default applyOnUpdate="0" field="error" expression=""/>
  <default applyOnUpdate="0" field="device" expression=""/>
  <default applyOnUpdate="0" field="notes" expression=""/>
  <default applyOnUpdate="0" field="geoblur_version" expression=""/>
  <default applyOnUpdate="0" field="models" expression=""/>
  <default applyOnUpdate="0" field="method" expression=""/>
  <default applyOnUpdate="0" field="mask_scale" expression=""/>
  <default applyOnUpdate="0" field="source_path" expression=""/>
  <default applyOnUpdate="0" field="projection" expression=""/>
  <default applyOnUpdate="0" field="camera_heading" expression=""/>
  <default applyOnUpdate="0" field="horizontal_fov" expression=""/>
 </defaults>
 <constraints>
  <constraint notnull_strength="0" field="output_path" exp_strength="0" constraints="0" unique_strength="0"/>
  <constraint notnull_strength="0" field="status" exp_strength="0" constraints="0" unique_strength="0"/>
  <constraint notnull_strength="0" field="detections" exp_strength="0" constraints="0" unique_strength="0"/>
  <constraint notnull_strength="0" field="error" exp_strength="0" constraints="0" unique_strength="0"/>
  <constraint notnull_strength="0" field="device" exp_strength="0" constraints="0" unique_strength="0"/>
  <constraint notnull_strength="0" field="notes" exp_strength="0" constraints="0" unique_strength="0"/>
  <constraint notnull_strength="0" field="geoblur_version" exp_strength="0" constraints="0" unique_strength="0"/>
  <constraint notnull_strength="0" field="models" exp_strength="0" constraints="0" unique_strength="0"/>
  <constraint notnull_strength="0" field="method" exp_strength="0" constraints="0" unique_strength="0"/>
  <constraint notnull_strength="0" field="mask_scale" exp_strength="0" constraints="0" unique_strength="0"/>
  <constraint notnull_strength="0" field="source_path" exp_strength="0" constraints="0" unique_strength="0"/>
  <constraint notnull_strength="0" field="projection" exp_strength="0" constraints="0" unique_strength="0"/>
  <constraint notnull_strength="0" field="camera_heading" exp_strength="0" constraints="0" unique_strength="0"/>
  <constraint notnull_strength="0" field="horizontal_fov" exp_strength="0" constraints="0" unique_strength="0"/>
 </constraints>
 <constraintExpressions>
  <constraint desc="" field="output_path" exp=""/>
  <constraint desc="" field="status" exp=""/>
  <constraint desc="" field="detections" exp=""/>
  <constraint desc="" field="error" exp=""/>
  <constraint desc="" field="device" exp=""/>
  <constraint desc="" field="notes" exp=""/>
  <constraint desc="" field="geoblur_version" exp=""/>
  <constraint desc="" field="models" exp=""/>
  <constraint desc="" field="method" exp=""/>
  <constraint desc="" field="mask_scale" exp=""/>
  <constraint desc="" field="source_path" exp=""/>
  <constraint desc="" field="projection" exp=""/>
  <constraint desc="" field="camera_heading" exp=""/>
  <constraint desc="" field="horizontal_fov" exp=""/>
 </constraintExpressions>
 <expressionfields/>
 <attributeactions>
  <actionsetting shortTitle="geoblur-review" action="from qgis.utils import plugins&#xa;[p for p in plugins.values() if type(p).__name__ == 'GeoBlurPlugin'][0].review_feature('[% @layer_id %]', [% $id %])" capture="0" name="Review image" icon="" type="1" notificationMessage="" isEnabledOnlyWhenEditable="0" id="{9b3e5c2a-1f47-4d2b-8e6a-5a7d0c3f2b22}">
   <actionScope id="Canvas"/>
   <actionScope id="Feature"/>
  </actionsetting>
  <actionsetting shortTitle="geoblur-open-copy" action="[% &quot;output_path&quot; %]" capture="0" name="Open the anonymized copy" icon="" type="5" notificationMessage="" isEnabledOnlyWhenEditable="0" id="{4d7f0b1e-7c61-4b8e-9a55-0c2f6b0e9a11}">
   <actionScope id="Canvas"/>
   <actionScope id="Feature"/>
  </actionsetting>
 </attributeactions>
 <attributetableconfig actionWidgetStyle="dropDown" sortExpression="" sortOrder="0">
  <columns/>
 </attributetableconfig>
 <conditionalstyles>
  <rowstyles/>
  <fieldstyles/>
 </conditionalstyles>
 <storedexpressions/>
 <editform tolerant="1"></editform>
 <editforminit/>
 <editforminitcodesource>0</editforminitcodesource>
 <editforminitfilepath></editforminitfilepath>
 <editforminitcode><![CDATA[]]></editforminitcode>
 <featformsuppress>0</featformsuppress>
 <editorlayout>generatedlayout</editorlayout>
 <editable/>
 <labelOnTop/>
 <reuseLastValue/>
 <dataDefinedFieldProperties/>
 <widgets/>
 <previewExpression>"output_path"</previewExpression>
 <mapTip>&lt;p>&lt;b>[% "status" %]&lt;/b> [% "output_path" %]&lt;/p>[% CASE WHEN "output_path" IS NULL THEN 'No anonymized copy.' ELSE '&lt;img src="file:///' || regexp_replace(replace("output_path", '\\', '/'), '^/+', '') || '" style="max-width:320px; max-height:240px"/>' END %]</mapTip>
 <layerGeometryType>0</layerGeometryType>
</qgis>
